"""The link keys of a saved register (``?register=ID&versjon=N``): pure functions, so the page can
read a link without loading the database layer (SQLAlchemy) before the first map is drawn."""

from __future__ import annotations


def link_of(query) -> tuple[str, int | None] | None:
    """The saved register a link names (``register=ID`` and perhaps ``versjon=N``), or ``None``."""

    def get(key: str) -> str:
        value = query.get(key, "")
        return (value[-1] if isinstance(value, list) and value else value or "").strip()

    register_id = get("register")
    if not register_id or len(register_id) > 32 or not register_id.replace("-", "").replace("_", "").isalnum():
        return None
    version = get("versjon")
    return register_id, int(version) if version.isdigit() and len(version) < 6 else None


def link_query(saved: tuple[str, int | None] | None) -> dict[str, str]:
    """The link keys of a saved register (empty for an unsaved one)."""
    if not saved:
        return {}
    register_id, version = saved
    return {"register": register_id, **({"versjon": str(version)} if version else {})}
