package cn.shenhe.appointment;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.district.DistrictPlugins;
import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.plugin.api.AppointmentSlot;
import cn.shenhe.plugin.api.ReviewMode;
import cn.shenhe.problem.InvalidField;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import cn.shenhe.problem.Problems;
import cn.shenhe.registration.AppointmentLookup;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationRepository;
import cn.shenhe.registration.RegistrationView.AppointmentView;
import cn.shenhe.registration.RegistrationView.SlotView;
import cn.shenhe.registration.ReviewLevel;
import cn.shenhe.review.CheckIns;
import cn.shenhe.review.ReviewQueue;
import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * On-site review (现场审核) appointments: a candidate whose materials are complete books one of
 * the district's slots at their site, may rebook or cancel until the cutoff, and is checked in
 * by a site reviewer, who then records the in-person result. Slot capacity holds under
 * concurrent booking: each booking locks the slot's counter row.
 */
@ApplicationScoped
public class Appointments implements AppointmentLookup, CheckIns {

    /** Slot times are Beijing time. */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    @Inject
    TenantEntityManager em;
    @Inject
    SlotCounters counters;
    @Inject
    RegistrationRepository registrations;
    @Inject
    ReviewQueue queue;
    @Inject
    DistrictDirectory districts;
    @Inject
    DistrictPlugins plugins;
    @Inject
    RequestContext request;
    @Inject
    AuditLog audit;
    @Inject
    Event<AppointmentChanged> changed;

    public List<SlotView> slots(Optional<String> site) {
        DistrictConfig d = district();
        ReviewMode mode = inPersonMode(d);
        Map<String, Integer> booked = em.get().createQuery("SELECT s FROM SlotBookings s", SlotBookings.class).getResultList()
                .stream().collect(Collectors.toMap(SlotBookings::id, SlotBookings::booked));
        Instant now = Instant.now();
        return mode.slots(d.reviewSettings()).stream()
                .filter(s -> site.map(s.site()::equals).orElse(true))
                .map(s -> view(s, booked.getOrDefault(s.id(), 0), open(d, s, now)))
                .toList();
    }

    @Override
    public Optional<AppointmentView> of(Registration r) {
        return find(r).filter(Appointment::active).map(this::view);
    }

    /** Books, or moves the booking to, a slot at the candidate's site. */
    @Transactional
    public AppointmentView book(String registrationId, String slotId) {
        DistrictConfig d = district();
        inPersonMode(d);
        AppointmentSlot slot = slot(d, slotId).orElseThrow(() -> InvalidField.UNKNOWN_SLOT.refuse("slotId", String.valueOf(slotId)));
        Registration r = lockOwn(registrationId);
        if (!slot.site().equals(r.siteCode())) {
            throw InvalidField.SLOT_AT_OTHER_SITE.refuse("slotId");
        }
        r.checkBookable();
        Instant now = Instant.now();
        checkOpen(d, slot, now);
        Optional<Appointment> existing = find(r);
        if (existing.isPresent() && existing.get().status() == Appointment.Status.CHECKED_IN
                && (r.lastReviewedAt() == null || r.lastReviewedAt().isBefore(existing.get().checkedInAt()))) {
            throw Problem.ALREADY_CHECKED_IN.refuse();
        }
        if (existing.isPresent() && existing.get().status() == Appointment.Status.BOOKED && existing.get().slotId().equals(slotId)) {
            return view(existing.get());
        }
        Optional<AppointmentSlot> previous = existing.filter(a -> a.status() == Appointment.Status.BOOKED)
                .flatMap(a -> slot(d, a.slotId()));
        previous.ifPresent(p -> checkOpen(d, p, now));
        // Lock counters in id order, so two rebookings between the same slots cannot deadlock.
        Map<String, SlotBookings> rows = lockCounters(Stream.concat(Stream.of(slot), previous.stream()).map(AppointmentSlot::id).toList());
        if (!rows.get(slot.id()).take(slot.capacity())) {
            throw Problem.SLOT_FULL.refuse(Map.of("slotId", slot.id()));
        }
        previous.ifPresent(p -> rows.get(p.id()).giveBack());
        Appointment a = existing.orElseGet(() -> {
            Appointment created = new Appointment(r, slot.id(), now);
            em.get().persist(created);
            return created;
        });
        a.book(slot.id(), now);
        audit.record(previous.isPresent() ? "appointment.rebooked" : "appointment.booked", "registration", r.id(),
                previous.map(p -> Map.<String, Object>of("slot", slot.id(), "from", p.id())).orElse(Map.of("slot", slot.id())));
        changed.fire(new AppointmentChanged(request.district(), r.id(), true));
        return view(a);
    }

    @Transactional
    public void cancel(String registrationId) {
        DistrictConfig d = district();
        Registration r = lockOwn(registrationId);
        Appointment a = find(r).filter(x -> x.status() == Appointment.Status.BOOKED).orElseThrow(Appointments::noAppointment);
        Optional<AppointmentSlot> slot = slot(d, a.slotId());
        Instant now = Instant.now();
        slot.ifPresent(s -> checkOpen(d, s, now));
        lockCounters(List.of(a.slotId())).get(a.slotId()).giveBack();
        a.cancel();
        audit.record("appointment.cancelled", "registration", r.id(), Map.of("slot", a.slotId()));
        changed.fire(new AppointmentChanged(request.district(), r.id(), false));
    }

    /** The site reviewer checks the candidate in, which claims the registration for the in-person review. */
    @Transactional
    public ReviewQueue.Claim checkIn(String registrationId) {
        inPersonMode(district());
        queue.mayReviewAt(ReviewLevel.SITE);
        Registration r = queue.lockVisible(registrationId);
        Appointment a = find(r).filter(x -> x.status() == Appointment.Status.BOOKED).orElseThrow(Appointments::noAppointment);
        Instant now = Instant.now();
        r.checkClaimable(ReviewLevel.SITE, request.caller().subject(), now);
        a.checkIn(request.caller().subject(), now);
        audit.record("appointment.checked-in", "registration", r.id(), Map.of("slot", a.slotId()));
        return queue.claim(r, ReviewLevel.SITE, now);
    }

    /** The day's appointments at a site (or every site), for the site's reviewers. */
    public List<AppointmentView> day(LocalDate date, Optional<String> site) {
        DistrictConfig d = district();
        Map<String, AppointmentSlot> slots = inPersonMode(d).slots(d.reviewSettings()).stream()
                .filter(s -> s.date().equals(date) && site.map(s.site()::equals).orElse(true))
                .collect(Collectors.toMap(AppointmentSlot::id, Function.identity()));
        if (slots.isEmpty()) {
            return List.of();
        }
        return em.get().createQuery("SELECT a FROM Appointment a WHERE a.slotId IN :slots AND a.status <> :cancelled", Appointment.class)
                .setParameter("slots", slots.keySet()).setParameter("cancelled", Appointment.Status.CANCELLED).getResultList().stream()
                .sorted(Comparator.comparing((Appointment a) -> slots.get(a.slotId()).start()).thenComparing(a -> a.registration().candidateName()))
                .map(this::view).toList();
    }

    @Override
    public boolean checkedIn(Registration r) {
        return find(r).map(a -> a.status() == Appointment.Status.CHECKED_IN).orElse(false);
    }

    private Optional<Appointment> find(Registration r) {
        return em.get().createQuery("SELECT a FROM Appointment a WHERE a.registration = :r", Appointment.class)
                .setParameter("r", r).getResultStream().findFirst();
    }

    private Map<String, SlotBookings> lockCounters(List<String> ids) {
        return ids.stream().sorted().distinct().collect(Collectors.toMap(Function.identity(), id -> {
            try {
                counters.ensure(id);
            } catch (RuntimeException e) {
                // Another booking created the row first (our insert lost and rolled back): lock theirs.
            }
            return em.get().find(SlotBookings.class, id, LockModeType.PESSIMISTIC_WRITE);
        }));
    }

    private Registration lockOwn(String registrationId) {
        inPersonMode(district());
        return registrations.findForUpdate(registrationId)
                .filter(r -> r.isOwnedBy(request.caller().subject()))
                .orElseThrow(() -> Problems.notFound("该报名", "Registration"));
    }

    private void checkOpen(DistrictConfig d, AppointmentSlot s, Instant now) {
        if (!open(d, s, now)) {
            throw Problem.BOOKING_CLOSED.refuse(Map.of("slotId", s.id()), plugins.reviewMode(d).bookingCutoff(d.reviewSettings()).toHours());
        }
    }

    private boolean open(DistrictConfig d, AppointmentSlot s, Instant now) {
        Instant starts = s.date().atTime(s.start()).toInstant(CHINA);
        return now.isBefore(starts.minus(plugins.reviewMode(d).bookingCutoff(d.reviewSettings())));
    }

    private Optional<AppointmentSlot> slot(DistrictConfig d, String id) {
        return plugins.slots(d).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private ReviewMode inPersonMode(DistrictConfig d) {
        ReviewMode mode = plugins.reviewMode(d);
        if (!mode.inPerson()) {
            throw Problem.NOT_IN_PERSON_REVIEW.refuse();
        }
        return mode;
    }

    private DistrictConfig district() {
        return districts.find(request.district()).orElseThrow();
    }

    private AppointmentView view(Appointment a) {
        DistrictConfig d = district();
        AppointmentSlot s = slot(d, a.slotId()).orElse(null);
        SlotView slot = s == null ? null : view(s, booked(s.id()), open(d, s, Instant.now()));
        return new AppointmentView(a.registration().id(), a.registration().candidateName(), slot, a.status().name(),
                a.bookedAt(), a.checkedInAt());
    }

    /** Places taken in a slot, as its counter row says (in this transaction: a booking just made counts). */
    private int booked(String slotId) {
        SlotBookings row = em.get().find(SlotBookings.class, slotId);
        return row == null ? 0 : row.booked();
    }

    private static SlotView view(AppointmentSlot s, int booked, boolean open) {
        return new SlotView(s.id(), s.site(), s.date(), s.start().toString(), s.end().toString(), s.capacity(),
                booked, Math.max(0, s.capacity() - booked), open);
    }

    private static ProblemException noAppointment() {
        return Problem.NO_APPOINTMENT.refuse();
    }
}
