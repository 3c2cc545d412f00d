/**
 * Reuse detection (重复使用): the same picture sent by two candidates. Each stored picture gets a 64-bit
 * perceptual hash in the upload pipeline, before the watermark ({@link cn.shenhe.material.reuse.PerceptualHash});
 * once its row commits, the pictures of other candidates within {@link cn.shenhe.material.reuse.ReuseBands#THRESHOLD}
 * bits are found through four banded indexes ({@link cn.shenhe.material.reuse.ReuseIndex}), in every district,
 * and each pair is recorded ({@link cn.shenhe.material.reuse.ReuseDetector}). Reviewers see the pairs within their
 * scope next to the pictures, national admins all of them and a cross-district report
 * ({@link cn.shenhe.material.reuse.ReuseFlags}); pictures stored before hashes existed are hashed by a backfill.
 */
package cn.shenhe.material.reuse;
