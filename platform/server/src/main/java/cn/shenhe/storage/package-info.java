/**
 * Picture bytes. {@link BlobStore} is the seam: files under the data directory by default
 * ({@link FileSystemBlobStore}, one node), or objects in an S3-compatible store shared by every
 * node ({@link S3BlobStore}), chosen by {@code shenhe.blobs.kind} ({@link Blobs}). Keys start with
 * the district code (samples: {@code samples/<district>}), so one district's pictures are never
 * found under another's prefix; {@link OrphanSweeper} removes blobs no row names, {@link BlobMigration}
 * moves a district's pictures from one store to the other.
 */
package cn.shenhe.storage;
