package cn.shenhe.material.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;

/**
 * The one pixel layout the pipeline's stages share after decoding: TYPE_3BYTE_BGR as a new
 * BufferedImage lays it out (3 bytes a pixel, rows back to back, no offset, not a sub-image), so
 * that a stage may index the byte array directly.
 */
public final class PackedBgr {

    private PackedBgr() {
    }

    public static boolean is(BufferedImage img) {
        return img.getType() == BufferedImage.TYPE_3BYTE_BGR
                && img.getRaster().getDataBuffer() instanceof DataBufferByte buf && buf.getNumBanks() == 1 && buf.getOffset() == 0
                && img.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getPixelStride() == 3 && sm.getScanlineStride() == 3 * img.getWidth()
                && img.getRaster().getSampleModelTranslateX() == 0 && img.getRaster().getSampleModelTranslateY() == 0
                && img.getRaster().getParent() == null;
    }
}
