/**
 * The web UI's side of the server: the sign-in settings the single-page app reads at start, and
 * serving the app itself (history-mode routes fall back to {@code index.html}; hashed assets are
 * cached for good). Also what every browser-facing answer gets: the security headers
 * ({@code SecurityHeaders}) and, for what the container answers by itself, an error page without
 * Java insides ({@code ErrorPage}).
 */
package cn.shenhe.web;
