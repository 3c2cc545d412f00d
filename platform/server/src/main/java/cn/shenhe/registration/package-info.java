/**
 * Registrations (报名): a candidate registers once per exam year in their district, for a site
 * and an exam category, and follows the registration's status through review. {@link
 * cn.shenhe.registration.Registration} holds the rules of its pictures and of its review (the state
 * machine is tabled in {@code RegistrationTest}); its changes are announced as typed
 * {@link cn.shenhe.registration.RegistrationChanged} events. It owns its pictures' rows
 * ({@link cn.shenhe.registration.MaterialImage}); the packages that build on it (review, appointment,
 * material) answer what its page shows of theirs through the {@code *Lookup} interfaces here.
 */
package cn.shenhe.registration;
