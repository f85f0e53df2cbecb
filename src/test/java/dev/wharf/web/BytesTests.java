package dev.wharf.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytesTests {

    @Test
    void sizesReadInBinaryUnitsWithOneDecimalAboveAKibibyte() {
        assertThat(Bytes.binary(0)).isEqualTo("0 B");
        assertThat(Bytes.binary(1023)).isEqualTo("1023 B");
        assertThat(Bytes.binary(1536)).isEqualTo("1.5 KiB");
        assertThat(Bytes.binary(64L * 1024 * 1024)).isEqualTo("64.0 MiB");
        assertThat(Bytes.binary(25_165_824_000L)).isEqualTo("23.4 GiB");
        assertThat(Bytes.binary(Long.MAX_VALUE)).isEqualTo("8192.0 PiB");
    }
}
