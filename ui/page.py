"""The page's constants: the map's height, its styles and the labels of its page sizes."""

from ui.streamlit_internals import CAPTION_CSS, UPLOADER_CSS, key_class

#: The map's height in the page, in pixels: with the title above it, the whole map fits a 1366×768 screen.
MAP_HEIGHT = 560

#: Page styles (a constant, never data): Streamlit's file uploader speaks English of its own, so its
#: texts are hidden and said in Norwegian.
PAGE_CSS = f"""<style>
{key_class("kart-forlast")} {{ margin-bottom: -1rem; }}  /* the map's asset loader: no size, and no gap after it */
.block-container {{ padding-top: 1.2rem; padding-bottom: 1rem; }}
/* at 768 px and narrower Streamlit's header is an opaque bar 60 px tall: the title starts below it */
@media (max-width: 768px) {{ .block-container {{ padding-top: 4.25rem; }} }}
h1 {{ font-size: 1.6rem !important; padding: 0 0 0.2rem 0 !important; }}
/* where the keyboard is always shows (WCAG 2.4.7): a dark blue ring, 3:1 or more on every background */
:focus-visible {{ outline: 3px solid #0b4f8a !important; outline-offset: 2px !important; }}
{UPLOADER_CSS}{CAPTION_CSS}</style>"""


#: Page sizes of a static export, as the app offers them.
PAGE_LABELS = {"tilpasset": "Tilpasset kartet (A4-bredde)", "a4": "A4 stående", "a4-liggende": "A4 liggende"}
