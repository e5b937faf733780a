/** Bearer tokens: creation, hashing, verification with expiry and revocation. */
package dev.cairn.internal.auth;
