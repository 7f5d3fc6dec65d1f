package io.savepoint.transfer.thumbnails;

import java.util.Optional;

/** The content type of an image, told by its first bytes (clients' Content-Type headers are not trusted). */
public final class ImageType {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageType() {
    }

    public static Optional<String> of(byte[] image) {
        if (startsWith(image, JPEG)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(image, PNG)) {
            return Optional.of("image/png");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
