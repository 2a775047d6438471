package io.github.handshakelab.view;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.skin.ComboBoxListViewSkin;

/**
 * The speed box's skin: JavaFX's own, except that the popup's list joins the box's children only
 * after the first frame ({@link #styleList}). JavaFX keeps that list among the children, unmanaged
 * and unseen, so CSS has styled it before the popup first opens (its RT-21207). In the first frame
 * that list was the window's only ListView: its skin, virtual flow and scroll bars were about 35 ms
 * of the window thread's 420 before that frame (issue 12), for a popup nobody can open yet.
 */
final class LateListSkin<T> extends ComboBoxListViewSkin<T> {
    LateListSkin(ComboBox<T> box) {
        super(box);
        getChildren().remove(getPopupContent());
    }

    /** Puts the list back where JavaFX keeps it, unless the popup (which then holds it) has opened already. */
    void styleList() {
        Node list = getPopupContent();
        if (list.getParent() == null) getChildren().add(list);
    }
}
