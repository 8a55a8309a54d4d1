import DiariumCommands

DiariumCommand.runFromCommandLine()
