package dev.cairn.db;

import java.util.List;
import java.util.UUID;

/**
 * What one admission writes back ({@code flowAdmit}): for each locked key that changed, the releases folded in, the
 * holders added and the admissions counted; the units each rate key started; the admitted steps with the
 * concurrency keys each holds; the runs admitted now.
 */
public record AdmissionWrite(List<Long> keyIds, List<Integer> released, List<Integer> holders, List<Integer> served,
    List<Long> rateIds, List<Integer> rateUnits, List<Long> stepIds, List<List<Long>> held, List<UUID> runIds) {}
