package dev.cairn.db;

import java.util.List;

/** A run and all its steps, in id order, as one statement read them. */
public record RunWithSteps(RunRow run, List<StepRow> steps) {}
