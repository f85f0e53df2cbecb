package dev.wharf.hcs;

import com.sun.jna.Pointer;

/** Test-only: stands for the hcs adapter in ArchitectureTests; may use JNA. */
public class ArchFixtureHcsAdapter {

    Pointer handle;
}
