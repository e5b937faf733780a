/**
 * The built-in web dashboard: a JSON API, Server-Sent Events and static pages served by the JDK's HTTP server over
 * {@link dev.cairn.internal.dashboard.DashboardBackend}, which the engine implements. Internal: not API, may change
 * in any release.
 */
package dev.cairn.internal.dashboard;
