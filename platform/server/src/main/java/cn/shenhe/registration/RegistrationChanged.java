package cn.shenhe.registration;

/**
 * Fired inside the transaction of any change to a registration, its pictures or its review
 * comments. Observers that act outside the database (the search index, notifications) observe it
 * with {@code during = TransactionPhase.AFTER_SUCCESS}, so they never see a change that rolled back.
 */
public record RegistrationChanged(String district, String registrationId, String action) {
}
