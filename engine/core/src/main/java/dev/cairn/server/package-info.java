/** The standalone engine server: {@link dev.cairn.server.CairnServer}. */
package dev.cairn.server;
