package dev.whitemagic.app.ui.pipeline;

import javafx.event.EventHandler;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The Pipeline pane's keys. Run Ctrl+Enter, Cancel Esc (else Esc clears the selection), New Ctrl+N,
 * Open Ctrl+O, Save Ctrl+S, Save As Ctrl+Shift+S, zoom Ctrl+= / Ctrl+- / Ctrl+0 (fit), search the
 * palette Ctrl+F; and, unless a text field has the keyboard: Del or Backspace deletes, Ctrl+Z
 * undoes, Ctrl+Shift+Z or Ctrl+Y redoes, Ctrl+C / Ctrl+V copy and paste, Ctrl+A selects all.
 */
final class PipelineShortcuts implements EventHandler<KeyEvent> {

    private final PipelineView view;

    PipelineShortcuts(PipelineView view) {
        this.view = view;
    }

    @Override
    public void handle(KeyEvent e) {
        boolean typing = e.getTarget() instanceof TextInputControl;
        boolean ctrl = e.isShortcutDown();
        KeyCode k = e.getCode();
        Runnable action = null;
        if (ctrl && k == KeyCode.ENTER) {
            action = view::run;
        } else if (k == KeyCode.ESCAPE) {
            action = view.runningProperty().get() ? view::cancel : view.canvas()::clearSelection;
        } else if (ctrl && k == KeyCode.S) {
            action = e.isShiftDown() ? view.files()::saveAs : view.files()::save;
        } else if (ctrl && k == KeyCode.O) {
            action = view.files()::open;
        } else if (ctrl && k == KeyCode.N) {
            action = view.files()::create;
        } else if (ctrl && (k == KeyCode.EQUALS || k == KeyCode.PLUS || k == KeyCode.ADD)) {
            action = view.canvas()::zoomIn;
        } else if (ctrl && (k == KeyCode.MINUS || k == KeyCode.SUBTRACT)) {
            action = view.canvas()::zoomOut;
        } else if (ctrl && (k == KeyCode.DIGIT0 || k == KeyCode.NUMPAD0)) {
            action = view.canvas()::resetView;
        } else if (ctrl && k == KeyCode.F) {
            action = () -> view.rootNode().lookup("#pipeline-palette-search").requestFocus();
        } else if (!typing) {
            if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
                action = view.canvas()::deleteSelection;
            } else if (ctrl && k == KeyCode.Z) {
                action = e.isShiftDown() ? view.model()::redo : view.model()::undo;
            } else if (ctrl && k == KeyCode.Y) {
                action = view.model()::redo;
            } else if (ctrl && k == KeyCode.C) {
                action = view.canvas()::copySelection;
            } else if (ctrl && k == KeyCode.V) {
                action = view.canvas()::paste;
            } else if (ctrl && k == KeyCode.A) {
                action = view.canvas()::selectAll;
            }
        }
        if (action != null) {
            action.run();
            e.consume();
        }
    }
}
