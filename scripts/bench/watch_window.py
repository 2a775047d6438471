#!/usr/bin/env python3
"""Watches an Xvfb screen for scripts/bench-startup.sh: prints "MAPPED COMPLETE" in ms after T0.

    watch_window.py FRAMEBUFFER TITLE KIND T0_NS TIMEOUT_S

MAPPED: a top-level window named TITLE is viewable (Xlib through ctypes, no X round trip but the
query). COMPLETE: its content is on the screen, read from Xvfb's own frame buffer (-fbdir, an XWD
file the server keeps up to date) rather than by asking the server for the window's pixels: a
6 MB xwd of a large window every few ms takes a core from the program being timed, and more from
a large window than from a small one. KIND app: at least 1000 pixels of the SYN_SENT badge's
amber (#e69f00, diagram.Palette) anywhere on the screen; KIND min: at least 3 colours inside the
window (the label's text). Prints "0 0" at the timeout.
"""
import ctypes
import ctypes.util
import mmap
import struct
import sys
import time

fb_path, title, kind, t0, timeout = sys.argv[1], sys.argv[2].encode(), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])

x = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDefaultRootWindow.restype = ctypes.c_ulong
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
                         ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)), ctypes.POINTER(ctypes.c_uint)]
x.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
x.XFree.argtypes = [ctypes.c_void_p]
x.XTranslateCoordinates.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                                    ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong)]


class Attributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
                ("root", ctypes.c_ulong), ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
                ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
                ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p)]


x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(Attributes)]
IS_VIEWABLE = 2

dpy = x.XOpenDisplay(None)
if not dpy:
    sys.exit("cannot open the display")
root = x.XDefaultRootWindow(dpy)


def find():
    """The viewable window named TITLE among the root's children (no window manager: they are the top level)."""
    r, p, n = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_uint()
    kids = ctypes.POINTER(ctypes.c_ulong)()
    if not x.XQueryTree(dpy, root, ctypes.byref(r), ctypes.byref(p), ctypes.byref(kids), ctypes.byref(n)):
        return None
    found = None
    for i in range(n.value):
        name = ctypes.c_char_p()
        if x.XFetchName(dpy, kids[i], ctypes.byref(name)) and name.value == title:
            a = Attributes()
            x.XGetWindowAttributes(dpy, kids[i], ctypes.byref(a))
            if a.map_state == IS_VIEWABLE:
                found = (kids[i], a.width, a.height)
        if name:
            x.XFree(name)
    if kids:
        x.XFree(kids)
    return found


with open(fb_path, "rb") as f:
    fb = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
header, = struct.unpack(">I", fb[0:4])
bytes_per_line, = struct.unpack(">I", fb[48:52])
ncolors, = struct.unpack(">I", fb[76:80])
start = header + ncolors * 12


def drawn(win, w, h):
    if kind == "app":
        # find, not count: no copy of the buffer, and a screen without the colour costs one scan
        at, n = start, 0
        while n < 1000:
            at = fb.find(b"\x00\x9f\xe6", at)
            if at < 0:
                return False
            at, n = at + 3, n + 1
        return True
    wx, wy, child = ctypes.c_int(), ctypes.c_int(), ctypes.c_ulong()
    x.XTranslateCoordinates(dpy, win, root, 0, 0, ctypes.byref(wx), ctypes.byref(wy), ctypes.byref(child))
    colours = set()
    for row in range(max(wy.value, 0), wy.value + h):
        o = start + row * bytes_per_line + max(wx.value, 0) * 4
        colours.update(memoryview(fb[o:o + w * 4]).cast("I"))
        if len(colours) >= 3:
            return True
    return False


def ms():
    return (time.time_ns() - t0) // 1_000_000


mapped = complete = 0
win = None
deadline = time.time() + timeout
while time.time() < deadline and not complete:
    if not mapped:
        win = find()
        if win:
            mapped = ms()
    if mapped and drawn(*win):
        complete = ms()
        break
    time.sleep(0.004)
print(mapped, complete)
