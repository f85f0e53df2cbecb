package dev.wharf.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the real JNA binding against the C stand-in of the Windows DLLs, which
 * {@code src/test/native/build.sh} compiles into {@code target/native} (on {@code jna.library.path}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("hcs")
@ExtendWith(HcsStandInCondition.class)
public @interface UsesHcsStandIn {}
