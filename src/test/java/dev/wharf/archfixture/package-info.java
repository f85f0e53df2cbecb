/** Test-only classes that each break one rule of ArchitectureTests, to show the rule catches it. */
package dev.wharf.archfixture;
