/**
 * Picture quality at upload: what the district's {@link cn.shenhe.plugin.api.MaterialCheck}s found on a
 * picture, kept with it and shown to the candidate at once and to the reviewers. The checks themselves
 * live in plugins ({@code plugins/quality-checks}: blur, exposure, framing, orientation); the grey copy
 * they look at is made by the upload pipeline ({@link cn.shenhe.material.image.GreyThumbnail}).
 */
package cn.shenhe.material.quality;
