"""The page Streamlit serves, rewritten: Norwegian, its head asking for the map's code."""

from pathlib import Path

import streamlit

from ui.served_page import ASSETS, PRELOADED, rewrite


def test_streamlits_own_page_becomes_norwegian_and_preloads_the_maps_code():
    page = (Path(streamlit.__file__).parent / "static" / "index.html").read_bytes()
    ours = rewrite(page).decode()
    assert '<html lang="nb">' in ours and '<html lang="en">' not in ours
    head = ours[ours.index("<head>") : ours.index("</head>")]
    for path, kind in PRELOADED:
        assert head.count(f'<link rel="preload" href="{ASSETS}{path}" as="{kind}">') == 1
    assert rewrite(b"<p>ikke en side</p>") == b"<p>ikke en side</p>"  # no head: nothing to add
