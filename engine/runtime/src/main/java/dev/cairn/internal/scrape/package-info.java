/** The HTTP endpoint that serves metrics for scraping (JDK HTTP server). Not API. */
package dev.cairn.internal.scrape;
