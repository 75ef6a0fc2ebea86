"""Keeping the frame after a key quick: Python's garbage collector kept out of its way.

Measured on War and Peace (bench/reader_latency.py), the collector was the largest single cost
between a key and its frame once the key's own work was read ahead: drawing a sentence makes
thousands of short-lived objects, so about a dozen young collections ran per key (~1.3 ms), a
middle one per key (~1.4 ms), and every eleventh key or so a full collection walked the whole
heap (the word-frequency tables, the sense model, the multi-word index: ~100 ms, a visibly late
frame). Two remedies:

* :func:`settle_heap`, once the data that lives as long as the app is loaded, moves it out of
  the collector's sight (:func:`gc.freeze`): it is never garbage, and a full collection now
  walks only what was made since.
* :func:`hold_collection` holds collections from a key until its frame is drawn; they run then,
  while the learner reads. Textual does the same during smooth scrolling
  (``App.PAUSE_GC_ON_SCROLL``).
"""

from __future__ import annotations

import gc

from textual.app import App

LONGEST_HOLD_S = 0.5  # collections come back even if no frame is drawn


def settle_heap() -> None:
    """Keep what is loaded so far out of every later collection (see the module's docstring)."""
    gc.freeze()


def hold_collection(app: App[object]) -> None:
    """No garbage collection from now until ``app`` has drawn its next frame."""
    if not gc.isenabled():
        return  # held already (or by Textual's scrolling): whoever held it gives it back
    gc.disable()
    app.call_after_refresh(_give_back)
    app.set_timer(LONGEST_HOLD_S, _give_back)


def _give_back() -> None:
    gc.enable()
