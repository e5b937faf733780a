/** Small programs that embed Cairn: {@link dev.cairn.examples.QuickStart} and the {@link dev.cairn.examples.Bench}. */
package dev.cairn.examples;
