/** Implementation details of the engine; not part of its API and subject to change. */
package dev.whitemagic.engine.internal;
