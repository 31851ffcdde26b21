package dev.roundtable.web;

import io.vertx.ext.web.Router;

/**
 * A group of REST routes beside the rooms' (a series, the action tracker, …), each in its own class that only
 * turns HTTP into its aggregate's commands and back. The edge mounts every group under {@code /api/} after its
 * own routes, behind the same request timeout, and before the catch-all {@code NOT_FOUND}; a group adds its
 * own body limits and rate limits.
 */
@FunctionalInterface
public interface ApiRoutes {
  void mount(Router router);
}
