"""The one kind of folium element the map is made of: a call to one of its own scripts.

The map's behaviour is JavaScript in `static/map/*.js`; Python only says which function to
call, on which map or layer group, with which configuration. Every element declares the
scripts' bundle (static/map/bundle/coopmap.js, see coopmap/assets.py) in `default_js`: that is
what makes both streamlit-folium (in the app) and an exported file load it, once.
"""

import json

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template
from jinja2.utils import htmlsafe_json_dumps

from .. import assets


def script_json(value: object) -> str:
    """`value` as compact JSON that is safe inside a <script> (no `<`, `>`, `&` or `'`)."""
    return htmlsafe_json_dumps(value, dumps=json.dumps, separators=(",", ":"), ensure_ascii=False)


class Script(JSCSSMixin, MacroElement):
    """`coopmap.<function>(<parent>, <arguments as JSON>)`, a function of static/map/*.js.

    The parent is the map, or the layer group the element is added to.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        coopmap.{{ this.function }}({{ this._parent.get_name() }}, {{ this.arguments }});
        {% endmacro %}
        """
    )

    def __init__(self, function: str, *arguments: object) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's, unannotated
        self._name = f"coopmap_{function}"
        self.function = function
        self.arguments = ", ".join(script_json(argument) for argument in arguments)
        self.default_js = [("coopmap", assets.BUNDLE_URL)]
