package cn.shenhe.registration;

/** A candidate registered. */
public record RegistrationCreated(String district, String registrationId) implements RegistrationChanged {

    @Override
    public String kind() {
        return "registration.created";
    }
}
