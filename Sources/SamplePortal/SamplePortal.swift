// STUB: to be replaced by the bundled sample portal (site generator and loopback server).
import FlyingFox
