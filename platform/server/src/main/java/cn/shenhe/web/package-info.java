/**
 * The web UI's side of the server: the sign-in settings the single-page app reads at start, and
 * serving the app itself (history-mode routes fall back to {@code index.html}; hashed assets are
 * cached for good).
 */
package cn.shenhe.web;
