/** The engine's runtime. Not API: nothing here is stable, and users never import it. */
package dev.cairn.internal;
