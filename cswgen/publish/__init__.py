"""Publishing a built site: to a folder, a zip file, a git branch or an SFTP server.

Each target is a module of its own behind the `Target` protocol (target.py); what to add,
change and remove, and the record of what publish put at a target, are in plan.py.
`cswgen.commands.publish` chooses the target, builds the site and drives these.
"""
