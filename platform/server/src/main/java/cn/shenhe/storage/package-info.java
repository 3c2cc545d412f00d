/**
 * Picture bytes. {@link BlobStore} is the seam: the filesystem store is the default, an
 * S3-compatible store can stand behind the same interface when nodes scale out. Keys start with
 * the district code, so one district's pictures are never found under another's prefix.
 */
package cn.shenhe.storage;
