/** Object storage: S3 or any S3-compatible store via aws-sdk-s3, or a local directory laid out as bucket/key. */
package dev.cairn.pipeline.storage;
