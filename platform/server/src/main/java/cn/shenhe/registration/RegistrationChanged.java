package cn.shenhe.registration;

/**
 * A change to a registration, its pictures, its review or its appointment, fired inside the change's
 * transaction; each kind of change is its own type ({@link MaterialsChanged}, {@code ReviewDecided}, ...),
 * so an observer takes the ones it acts on by their type. Observers of every change (the change log,
 * the search index) observe this interface; those that act outside the database observe with
 * {@code during = TransactionPhase.AFTER_SUCCESS}, so they never see a change that rolled back.
 */
public interface RegistrationChanged {

    String district();

    String registrationId();

    /** What the change log records of it (its {@code kind} column; other nodes read it back). */
    String kind();
}
