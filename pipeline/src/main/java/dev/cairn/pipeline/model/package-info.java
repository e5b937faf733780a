/** Value types shared by the pipeline's parts. */
package dev.cairn.pipeline.model;
