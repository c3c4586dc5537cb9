"""Start Streamlit on dashboard.py: `python scripts/serve.py [streamlit options]`."""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

# Streamlit treats a folder named pages/ beside the entry script as a legacy multipage app
# until st.navigation first runs. A deep link (/projects?project=...) that is the first
# request a fresh server sees would then run the page script alone, without dashboard.py.
# The design card names the folder pages/, so the server is told up front that it is not
# legacy, as st.navigation would tell it.
PagesManager.uses_pages_directory = False

if __name__ == "__main__":
    entry = Path(__file__).resolve().parent.parent / "dashboard.py"
    sys.argv = ["streamlit", "run", str(entry), *sys.argv[1:]]
    sys.exit(cli.main())
