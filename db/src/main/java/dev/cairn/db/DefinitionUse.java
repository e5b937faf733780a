package dev.cairn.db;

/** The unfinished runs of one workflow started with one definition (fingerprint). */
public record DefinitionUse(String workflowName, String fingerprint, long runs) {}
