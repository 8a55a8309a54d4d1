import DiariumCommands

DiariumCommand.main()
