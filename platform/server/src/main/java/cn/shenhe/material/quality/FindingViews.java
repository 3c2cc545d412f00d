package cn.shenhe.material.quality;

import cn.shenhe.registration.FindingLookup;
import cn.shenhe.registration.MaterialImage;
import cn.shenhe.registration.RegistrationView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The findings on a registration's page, read back from the picture's row as {@link CheckFinding} wrote them. */
@ApplicationScoped
public class FindingViews implements FindingLookup {

    @Override
    public List<RegistrationView.Finding> findings(MaterialImage image) {
        return CheckFinding.fromColumn(image.checkFindings()).stream().map(CheckFinding::view).toList();
    }
}
