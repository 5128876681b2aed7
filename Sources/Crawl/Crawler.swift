import Fetch
import Charset
import HTML
import Extract
import WARC
import Frontier
import Logging
