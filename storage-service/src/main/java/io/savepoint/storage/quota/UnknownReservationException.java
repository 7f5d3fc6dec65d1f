package io.savepoint.storage.quota;

/** A commit or release of a reservation that was never made. */
public class UnknownReservationException extends RuntimeException {
    public UnknownReservationException(String reservationId) {
        super("No quota reservation " + reservationId);
    }
}
