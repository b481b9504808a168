"""The source tree: where the ontology, data, shapes and saved queries live (inside the installed
package, or a directory chosen with ``--source``), parsing its files into quads with the file each
subject came from, and generating its reference file of states.

May import: ``core``."""
