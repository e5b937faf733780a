/** The seam between the engine and the db module's store: conversions of records. Not API. */
package dev.cairn.internal.store;
