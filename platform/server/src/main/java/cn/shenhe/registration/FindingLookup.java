package cn.shenhe.registration;

import java.util.List;

/**
 * What the upload checks found on a picture, in words, as its page shows them. The material.quality package
 * wrote them into the picture's row and reads them back: it builds on registration, so registration asks
 * through this interface instead of knowing it.
 */
public interface FindingLookup {

    List<RegistrationView.Finding> findings(MaterialImage image);
}
