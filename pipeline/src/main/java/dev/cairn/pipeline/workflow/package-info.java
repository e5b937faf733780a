/**
 * The pipeline's workflows: {@code DiarizationPipeline} (the DAG of upstream §2.1 as narrowed by the pipeline
 * spec), its {@code TrackProcessing} child per audio track and its {@code TopicChunkProcessing} child per 300-word
 * chunk. Step methods orchestrate: they fetch and store, call one component, and record what users see; the audio,
 * storage and HTTP work lives in the component packages.
 *
 * <p>Step outputs carry storage keys and ids, never presigned URLs (a replay would use expired ones) and never
 * word arrays (the merged words are stored once, under {@link PipelineKeys#words}).
 */
package dev.cairn.pipeline.workflow;
