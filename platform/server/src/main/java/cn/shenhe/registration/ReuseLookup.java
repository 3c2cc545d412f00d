package cn.shenhe.registration;

import cn.shenhe.security.Caller;
import java.util.List;
import java.util.Map;

/**
 * Other candidates' pictures that look like a registration's, shown next to its pictures. The material.reuse
 * package answers: it builds on registration, so registration asks through this interface instead of knowing it.
 */
public interface ReuseLookup {

    /** Per picture of the registration (by id), what the caller may see of its matches; candidates see none. */
    Map<String, List<ReuseFlag>> flags(String district, Registration r, Caller caller);
}
