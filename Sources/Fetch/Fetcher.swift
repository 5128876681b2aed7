// STUB: to be replaced by the libcurl multi + Dispatch engine.
import CCurl
