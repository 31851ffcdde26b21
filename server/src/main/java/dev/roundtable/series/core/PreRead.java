package dev.roundtable.series.core;

/** A document to read before an occurrence: a link (files are a later step). */
public record PreRead(String id, String title, String url) {
}
