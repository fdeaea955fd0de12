"""The one kind of folium element the map is made of: a call to one of its own scripts.

The map's behaviour is JavaScript in `static/map/*.js`; Python only says which function to
call, on which map or layer group, with which configuration. Declaring the script in
`default_js` is what makes both streamlit-folium (in the app) and an exported file load it;
static/map/host.js, the scripts' one way into Streamlit's page, is declared first by every
element, so that it is loaded once, before any of them.
"""

import json

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template
from jinja2.utils import htmlsafe_json_dumps

from .. import assets


def script_json(value):
    """`value` as compact JSON that is safe inside a <script> (no `<`, `>`, `&` or `'`)."""
    return htmlsafe_json_dumps(value, dumps=json.dumps, separators=(",", ":"), ensure_ascii=False)


class Script(JSCSSMixin, MacroElement):
    """`coopmap.<function>(<parent>, <arguments as JSON>)`, from static/map/<script>.js.

    The parent is the map, or the layer group the element is added to.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        coopmap.{{ this.function }}({{ this._parent.get_name() }}, {{ this.arguments }});
        {% endmacro %}
        """
    )

    def __init__(self, script, function, *arguments):
        super().__init__()
        self._name = f"coopmap_{function}"
        self.function = function
        self.arguments = ", ".join(script_json(argument) for argument in arguments)
        self.default_js = [
            ("coopmap_host", assets.script_url("host")),
            (f"coopmap_{script}", assets.script_url(script)),
        ]
