# corpus-files: machines.yml
require 'yaml'

settings = YAML.load_file("machines.yml")
box = settings["box"] || "generic/ubuntu2204"

Vagrant.configure("2") do |config|
  config.vm.box = box

  settings["machines"].each do |name, machine|
    config.vm.define name, primary: machine["primary"] == true do |m|
      m.vm.hostname = "#{name}.#{settings["domain"]}"
      m.vm.network "private_network", ip: machine["ip"], libvirt__network_name: settings["network"]
      if machine["gui"]
        m.vm.provider :libvirt do |lv|
          lv.graphics_type = "spice"
        end
      end
      m.vm.provision "shell", inline: "echo #{name} > /etc/role" if machine.key?("role")
    end
  end
end
